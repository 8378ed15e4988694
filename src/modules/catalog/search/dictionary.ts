/**
 * The assistive-technology word list the segmenter matches against. It is a
 * domain dictionary, not a general one: it only needs to cut product names,
 * ISO 9999 class titles and descriptions where users' queries cut them.
 * Compounds (电动轮椅) are listed alongside their parts (电动, 轮椅): the
 * segmenter splits a compound into its parts and the indexer adds the
 * compound back, so both 电动轮椅 and 轮椅 find an electric wheelchair.
 */
const words = `
轮椅 电动轮椅 手动轮椅 折叠轮椅 运动轮椅 儿童轮椅 护理轮椅 站立轮椅 躺式轮椅 高靠背轮椅 轮椅车 轮椅桌
代步车 电动代步车 助行器 助行架 助行车 步行器 拐杖 手杖 腋拐 肘拐 四脚拐 三脚拐 四脚手杖 盲杖 导盲杖
导盲犬 坡道 斜坡板 爬楼机 爬楼车 移位机 移位板 移位器 转移板 升降机 升降椅 楼梯 电梯 扶手 安全扶手
防滑垫 推车 婴儿车 座椅 靠背 头枕 脚踏 脚轮 后轮 前轮 刹车 轮胎 减震 电池 锂电池 充电器 控制器 操纵杆
电机 续航 承重 座宽 座高 重量 尺寸 规格
助听器 耳背机 耳内机 耳道式 盒式 骨导 骨导助听器 骨传导 人工耳蜗 耳蜗 听力 听力计 声音 放大器 扩音器
振动 闹钟 振动闹钟 闪光 门铃 闪光门铃 手语 字幕 耳机 蓝牙耳机 降噪 音量 验配 听障 聋人 电话 电话放大器
放大镜 助视器 电子助视器 手持 台式 读屏 读屏软件 软件 屏幕 阅读器 屏幕阅读器 盲文 点显器 盲文点显器
打字机 盲文打字机 盲文纸 盲表 手表 语音手表 语音 阅读 读书机 点读笔 有声读物 望远镜 眼镜 滤光镜 低视力
视力 视障 盲人 导航 定位 语音导航 放大 显示器 触觉 触摸 盲道 手机 老人手机 大字 大按键
沟通板 沟通 交流 发声 语音合成 眼控 眼动仪 头控 鼠标 键盘 大键盘 开关 遥控 遥控器 认知 记忆 训练
认知训练 提醒 定时 时钟 日历 防走失 定位器 手环 报警器 紧急呼叫 呼叫器 呼叫 报警 警报 烟雾 烟雾报警器
自理 坐便椅 坐便器 马桶 增高器 马桶增高器 便器 尿壶 洗澡椅 沐浴椅 洗浴 淋浴 淋浴椅 浴凳 浴缸 洗澡 沐浴
如厕 进食 餐具 助食 防洒碗 勺子 筷子 吸盘 穿衣 穿衣器 穿袜器 鞋拔 取物器 夹子 纽扣 拉链 梳子
护理 护理床 电动护理床 翻身 防褥疮 褥疮 防褥疮床垫 气垫 气垫床 床垫 坐垫 减压 靠垫 护栏 床栏 床边桌 餐桌
尿垫 纸尿裤 成人纸尿裤 造口
假肢 上肢 下肢 上肢假肢 下肢假肢 义肢 义眼 矫形器 矫形鞋 矫形鞋垫 鞋垫 支具 护具 护膝 护腰 护踝 护腕
颈托 腰托 外骨骼 康复机器人 机器人 康复 康复训练 复健 理疗 训练器 平衡 站立架 站立 行走 步行 功能训练
关节 膝关节 踝足 脊柱 矫正
电动 手动 折叠 可折叠 轻便 便携 便携式 儿童 老人 老年人 成人 防水 可充电 充电 蓝牙 智能 无线 有线
铝合金 碳纤维 不锈钢 可调 可调节 调节 高度 加宽 加厚 轻量 家用 医用 户外 室内 防滑 静音 语音播报 大屏
高清 电子 数字 头戴式 耳挂式 自动 手推 助力
听力 移动 出行 生活 辅助 辅具 辅助器具 康复辅具 残疾人 残疾 肢体 肢体残疾 视力残疾 听力残疾 言语
言语残疾 智力 精神 无障碍 适配 评估 补贴 租赁 维修 个人 医疗 防护 家务 信息 器具 技能 环境 改造 住家
家具 娱乐 就业 操作 物品 装置 系统 设备 产品 器械 医疗器械 护理用品 用品 卫生 清洁
`;

/** Every word of the assistive-technology dictionary (simplified, normalised). */
export const atDictionary: ReadonlySet<string> = new Set(words.split(/\s+/).filter((w) => w.length > 0));

/** The longest word, in UTF-16 units: how far maximum matching needs to look ahead. */
export const maxWordLength: number = Math.max(...Array.from(atDictionary, (w) => w.length));
